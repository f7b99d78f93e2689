/** The smoxy simulator and its seed data, imported together as `test/simulators/smoxy`. */
export * from './seed';
export * from './simulator';
