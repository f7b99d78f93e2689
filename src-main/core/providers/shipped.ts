// The providers Tokenkeeper ships, one line each (see docs/providers/README.md to add one).
export { cloudflare } from './cloudflare';
export { datadog } from './datadog';
export { github } from './github';
export { gitlab } from './gitlab';
export { mailtrap } from './mailtrap';
export { mirox } from './mirox';
export { npm } from './npm';
export { smenso } from './smenso';
export { smoxy } from './smoxy';
export { vercel } from './vercel';
