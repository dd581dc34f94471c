import { dangerous } from '../../verdicts.js';

/** What the package-manager judges share: the publish verdict and the flags that install outside the project. */

export const publish = (tool: string) =>
  dangerous(
    'cross-trust-boundary',
    'package-publish',
    `${tool} publishes a package to a public registry; ask the user to release it`,
  );

export const GLOBAL_FLAGS = /^(-g|--global|--location=global|--system|--break-system-packages|--user)$/;
