/** The bearer token the e2e server's /api/metrics answers to (set in global-setup.ts). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";
