declare module 'virtual:portico-custom-elements' {
  /** The Custom Elements Manifest of every package, analysed from source (.storybook/custom-elements.ts). */
  const manifest: object;
  export default manifest;
}
