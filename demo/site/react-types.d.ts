/**
 * The few React 19 APIs react.ts uses. React ships no type declarations of its own and the demo
 * adds no @types packages, so these describe just what the page calls.
 */
declare module 'react' {
  export type ReactNode = ReactElement | string | number | bigint | boolean | null | undefined | readonly ReactNode[];
  export interface ReactElement {
    readonly type: unknown;
    readonly props: unknown;
    readonly key: string | null;
  }
  export type FunctionComponent<P> = (props: P) => ReactNode;
  /** Props of an intrinsic or custom element: attributes, properties, and `on…` event listeners. */
  export type ElementProps = Readonly<Record<string, unknown>>;

  export function createElement(type: string, props?: ElementProps | null, ...children: ReactNode[]): ReactElement;
  export function createElement<P extends object>(type: FunctionComponent<P>, props: P, ...children: ReactNode[]): ReactElement;
  export function createElement(type: typeof StrictMode, props?: null, ...children: ReactNode[]): ReactElement;

  export const StrictMode: unique symbol;

  export function useState<S>(initial: S | (() => S)): [S, (next: S | ((previous: S) => S)) => void];
  export function useId(): string;
  export function useSyncExternalStore<T>(subscribe: (onChange: () => void) => () => void, getSnapshot: () => T): T;
}

declare module 'react-dom/client' {
  import type { ReactNode } from 'react';
  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element | DocumentFragment): Root;
}
