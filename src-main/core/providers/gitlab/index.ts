/** GitLab: personal access tokens on GitLab.com or a self-managed instance, called with a personal access token. */
import { defineProvider } from '../module';
import { gitlabAdapter } from './adapter';
import { gitlabDescriptor, gitlabRotation } from './descriptor';

export const gitlab = defineProvider({
  descriptor: gitlabDescriptor,
  adapter: gitlabAdapter,
  rotation: gitlabRotation,
  // GitLab.com or the user's own instance: the host the user enters is the credential's origin
  // (https; a path prefix is allowed, `/api/v4` is added to it).
  origins: { userChosen: true },
  // Personal, project, group and service-account tokens carry the `glpat-` prefix by default
  // (admins can change it [LIM]); the routable format adds dots and more characters.
  secretShapes: [/\bglpat-[A-Za-z0-9_.-]{20,}/g],
  linkHosts: ['docs.gitlab.com'],
});
