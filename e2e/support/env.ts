// What playwright.config.ts picked for this run (handed to the workers through the environment).
export const TOKEN = process.env.E2E_TOKEN ?? 'e2e-token-3f9c1d';
export const PORT = Number(process.env.E2E_PORT ?? 0);
export const DATA_DIR = process.env.E2E_DATA_DIR ?? '';
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/** The repository root (the exported TypeScript runs from inside it so that the engine resolves). */
export const REPO_ROOT = new URL('../../', import.meta.url).pathname;
/** This folder. */
export const E2E_ROOT = new URL('../', import.meta.url).pathname;
