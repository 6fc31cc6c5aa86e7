// Type-only: libsecret has no @girs package here. Its shape as used is `SecretLib` in lib/apiKeys.ts.
declare module 'gi://Secret' {
    const Secret: unknown;
    export default Secret;
}
