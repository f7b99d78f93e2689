/** The npm simulator and its seed data, imported together as `test/simulators/npm`. */
export * from './seed';
export * from './simulator';
