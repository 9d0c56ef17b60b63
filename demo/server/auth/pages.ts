/** The authorization server's HTML pages: sign-in with the demo users shown, patient picker, consent, in the page's language. */

import { pageDirection, pageText, type ConsentGroup, type PageLanguage } from './page-language.js';

export interface DemoAccountView {
  username: string;
  password: string;
  displayName: string;
  description: string;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; background: Canvas; color: CanvasText; }
  main { max-inline-size: 32rem; margin: 3rem auto; padding: 1.5rem 2rem; border: 1px solid #8884; border-radius: 12px; }
  h1 { font-size: 1.4rem; margin-block: 0 1rem; }
  label { display: block; margin-block: 0.75rem 0.25rem; font-weight: 600; }
  input[type=text], input[type=password] { inline-size: 100%; box-sizing: border-box; padding: 0.6rem; font: inherit; border: 1px solid #888; border-radius: 6px; }
  button { font: inherit; padding: 0.6rem 1.2rem; border-radius: 6px; border: 1px solid #0b5cad; background: #0b5cad; color: white; cursor: pointer; margin-block-start: 1rem; }
  button.secondary { background: transparent; color: inherit; border-color: #888; }
  :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
  .error { color: #b00020; font-weight: 600; }
  table { border-collapse: collapse; inline-size: 100%; margin-block-start: 0.5rem; font-size: 0.9rem; }
  th, td { text-align: start; padding: 0.3rem 0.4rem; border-block-end: 1px solid #8883; vertical-align: top; }
  .brand { font-weight: 700; color: #0b5cad; margin-block-end: 1rem; }
  fieldset { border: none; padding: 0; margin: 0; }
  ul { padding-inline-start: 1.2rem; }
  .visually-hidden { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

/** Who the pages speak for and in which language: the host's brand name ("Riverside Health") and `en`, `es` or `ar`. */
export interface PageContext {
  brand: string;
  language: PageLanguage;
}

function page(context: PageContext, title: string, body: string): string {
  const { brand, language } = context;
  const text = pageText(language);
  return `<!doctype html><html lang="${language}" dir="${pageDirection(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(text.titleSuffix(brand))}</title><style>${STYLE}</style></head>
<body><main><div class="brand">${escapeHtml(brand)}</div>${body}</main></body></html>`;
}

/** The sign-in form, with the demo accounts listed. */
export function loginPage(
  context: PageContext,
  options: {
    action: string;
    abortAction: string;
    clientName: string;
    accounts: readonly DemoAccountView[];
    error?: boolean;
    username?: string;
  },
): string {
  const text = pageText(context.language);
  const rows = options.accounts
    .map(
      (a) =>
        `<tr><td><code>${escapeHtml(a.username)}</code></td><td><code>${escapeHtml(a.password)}</code></td><td>${escapeHtml(a.displayName)}: ${escapeHtml(a.description)}</td></tr>`,
    )
    .join('');
  return page(
    context,
    text.signInTitle,
    `<h1>${escapeHtml(text.signInHeading(options.clientName))}</h1>
${options.error ? `<p class="error" role="alert">${escapeHtml(text.wrongPassword)}</p>` : ''}
<form method="post" action="${escapeHtml(options.action)}">
  <label for="username">${escapeHtml(text.username)}</label>
  <input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(options.username ?? '')}" autofocus>
  <label for="password">${escapeHtml(text.password)}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">${escapeHtml(text.signIn)}</button>
</form>
<form method="post" action="${escapeHtml(options.abortAction)}"><button class="secondary" type="submit">${escapeHtml(text.cancel)}</button></form>
<h2>${escapeHtml(text.demoAccounts)}</h2>
<table><thead><tr><th>${escapeHtml(text.username)}</th><th>${escapeHtml(text.password)}</th><th>${escapeHtml(text.who)}</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** The patient picker (for someone who may open several records) and the consent question, grouped in plain words. */
export function consentPage(
  context: PageContext,
  options: {
    action: string;
    clientName: string;
    userName: string;
    patients: readonly { id: string; name: string; own: boolean }[];
    chosenPatient?: string;
    groups: readonly ConsentGroup[];
    /** Only choose whose record (everyone listed was consented to before): no consent question. */
    pickOnly?: boolean;
  },
): string {
  const text = pageText(context.language);
  const choosing = options.patients.length > 1;
  const picker = choosing
    ? `<fieldset><legend><strong>${escapeHtml(text.whoseRecord)}</strong></legend>
${options.patients
  .map(
    (p, i) =>
      `<label><input type="radio" name="patient" value="${escapeHtml(p.id)}" ${(options.chosenPatient ? p.id === options.chosenPatient : i === 0) ? 'checked' : ''}> ${escapeHtml(p.name)} <small>(${escapeHtml(p.own ? text.you : text.someoneYouCareFor)})</small></label>`,
  )
  .join('')}</fieldset>`
    : options.patients[0]
      ? `<input type="hidden" name="patient" value="${escapeHtml(options.patients[0].id)}">`
      : '';
  if (options.pickOnly) {
    return page(
      context,
      text.whoseRecord,
      `<h1>${escapeHtml(text.whoseRecord)}</h1>
<p>${escapeHtml(text.signedInAs)} <strong>${escapeHtml(options.userName)}</strong>.</p>
<form method="post" action="${escapeHtml(options.action)}">
${picker.replace(/<legend>.*?<\/legend>/s, `<legend class="visually-hidden">${escapeHtml(text.whoseRecord)}</legend>`)}
<button type="submit" name="decision" value="continue">${escapeHtml(text.continue)}</button>
<button class="secondary" type="submit" name="decision" value="deny">${escapeHtml(text.cancel)}</button>
</form>`,
    );
  }
  return page(
    context,
    text.allowTitle,
    `<h1>${escapeHtml(text.allowHeading(options.clientName))}</h1>
<p>${escapeHtml(text.signedInAs)} <strong>${escapeHtml(options.userName)}</strong>.</p>
<form method="post" action="${escapeHtml(options.action)}">
${picker}
<p>${escapeHtml(text.willBeAbleTo(options.clientName))}</p>
<ul>${options.groups.map((g) => `<li>${escapeHtml(text.groups[g])}</li>`).join('')}</ul>
<button type="submit" name="decision" value="allow">${escapeHtml(text.allow)}</button>
<button class="secondary" type="submit" name="decision" value="deny">${escapeHtml(text.deny)}</button>
</form>`,
  );
}

/** A page with a heading and one message (expired sign-in, an error, signed out). */
export function messagePage(context: PageContext, title: string, message: string): string {
  return page(context, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/** The RP-initiated logout confirmation, submitted at once (a button remains for when scripts are off). */
export function logoutPage(context: PageContext, form: string, nonce: string): string {
  const text = pageText(context.language);
  return page(
    context,
    text.signOut,
    `<h1>${escapeHtml(text.signingOut)}</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">${escapeHtml(text.signOut)}</button>
<script nonce="${escapeHtml(nonce)}">const f=document.getElementById('op.logoutForm');const i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();</script>`,
  );
}
