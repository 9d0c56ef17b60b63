/**
 * Portico: registers every element and re-exports their classes. Built as one ES module
 * (`dist/portico.js`) for a plain `<script type="module">` include; auth libraries stay in
 * separate chunks loaded only by the sign-in mode in use.
 */
import '@portico/core/define.js';
import '@portico/appointment-booker/define.js';

export * from '@portico/core';
export * from '@portico/appointment-booker';
