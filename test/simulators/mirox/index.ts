/** The Mirox simulator and its seed data, imported together as `test/simulators/mirox`. */
export * from './seed';
export * from './simulator';
