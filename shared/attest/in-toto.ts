/**
 * The DSSE payload type of an in-toto Statement (in-toto attestation framework, envelope.md). In a module of its
 * own so that verifying (deploy) does not bundle the signing client and its HTTP stack.
 */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'
