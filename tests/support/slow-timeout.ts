// The slow project's time allowance per test (testTimeout is a global option; this is per project).
jest.setTimeout(300_000);
