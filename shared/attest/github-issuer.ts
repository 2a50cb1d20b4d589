/**
 * GitHub Actions' OIDC issuer, the `iss` of every workflow token and the issuer Fulcio records. In a module of its
 * own so that deploy's inputs can name the default without loading the Sigstore verifier.
 */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com'
