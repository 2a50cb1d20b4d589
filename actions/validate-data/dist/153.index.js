export const id = 153;
export const ids = [153];
export const modules = {

/***/ 4153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportFailure: () => (/* binding */ reportFailure),
/* harmony export */   runAction: () => (/* binding */ runAction)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5815);


const BUG_REPORT = 'This is a bug in mlci, not in your workflow: please report it with this log.';
/**
 * The one way an action's entry point runs its work: a UserError becomes a single annotation
 * without a stack; anything else is a bug and keeps its stack. Either way the step fails.
 */
async function runAction(work) {
    try {
        await work();
    }
    catch (error) {
        await reportFailure(error);
    }
}
async function reportFailure(error) {
    // Loaded here, not at start-up: an action may finish its heavy work before it needs @actions/core.
    const core = await __webpack_require__.e(/* import() */ 825).then(__webpack_require__.bind(__webpack_require__, 2825));
    process.exitCode = core.ExitCode.Failure;
    if ((0,_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .isUserError */ .i)(error)) {
        const { file, line, column } = error.location;
        core.error(error.message, {
            title: 'mlci',
            file: file === undefined ? undefined : workspaceRelative(file),
            startLine: line,
            startColumn: line === undefined ? undefined : column
        });
        return;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    core.error(`${detail}\n${BUG_REPORT}`, { title: 'mlci: internal error' });
}
/** GitHub only links annotations whose file is relative to the repository root. */
function workspaceRelative(file) {
    const workspace = process.env.GITHUB_WORKSPACE;
    if (!workspace || !node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute(file))
        return file;
    const relative = node_path__WEBPACK_IMPORTED_MODULE_0__.relative(workspace, file);
    return relative.startsWith('..') ? file : relative.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
}


/***/ }),

/***/ 5815:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ isUserError),
/* harmony export */   y: () => (/* binding */ UserError)
/* harmony export */ });
class UserError extends Error {
    location;
    constructor(message, location = {}) {
        super(message);
        this.name = 'UserError';
        this.location = location;
    }
}
function isUserError(error) {
    return error instanceof UserError;
}


/***/ })

};
