/** The Vercel simulator and its seed data, imported together as `test/simulators/vercel`. */
export * from './seed';
export * from './simulator';
