/** The Datadog simulator and its seed data, imported together as `test/simulators/datadog`. */
export * from './seed';
export * from './simulator';
