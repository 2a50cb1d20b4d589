/** This action reads no inputs yet: its interface arrives with its implementation. */
export type Inputs = Record<string, never>

export function getInputs(): Inputs {
  return {}
}
