/** The Mailtrap simulator and its seed data, imported together as `test/simulators/mailtrap`. */
export * from './seed';
export * from './simulator';
