/** The Cloudflare simulator and its seed data, imported together as `test/simulators/cloudflare`. */
export * from './seed';
export * from './simulator';
