// Stands in for `server-only` under Vitest (see vitest.config.ts): the tests run server code on purpose.
export {};
