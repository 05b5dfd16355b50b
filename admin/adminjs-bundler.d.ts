// AdminJS exports its bundler as `adminjs/bundler` but publishes no types for that entry; this is the part used.
declare module 'adminjs/bundler' {
  export const COMPONENTS_OUTPUT_PATH: string;
  export const componentsBundler: { setOutputOption(key: 'sourcemap', value: boolean | 'inline'): unknown };
}
