/**
 * Verification of HMAC-signed requests (webhooks): {@link dev.rampart.auth.signature.GitHubSignatureScheme},
 * {@link dev.rampart.auth.signature.StripeSignatureScheme} and
 * {@link dev.rampart.auth.signature.GenericHmacScheme}, each a
 * {@link dev.rampart.auth.signature.RequestSignatureVerifier} answering a
 * {@link dev.rampart.auth.signature.Verdict}. MACs are compared in constant time, replays are refused
 * through a {@link dev.rampart.auth.signature.ReplayGuard}, and no malformed header makes a verifier
 * throw.
 */
package dev.rampart.auth.signature;
