/** The GitHub simulator and its seed data, imported together as `test/simulators/github`. */
export * from './seed';
export * from './simulator';
