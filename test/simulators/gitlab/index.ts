/** The GitLab simulator and its seed data, imported together as `test/simulators/gitlab`. */
export * from './seed';
export * from './simulator';
