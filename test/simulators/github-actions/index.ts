/** The GitHub Actions secrets simulator, imported as `test/simulators/github-actions`. */
export * from './secrets';
export * from './simulator';
export * from './seed';
