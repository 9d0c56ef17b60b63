/** The authorization server's HTML pages: sign-in with the demo users shown, patient picker, consent. */

export interface DemoAccountView {
  username: string;
  password: string;
  displayName: string;
  description: string;
}

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
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Riverside Health sign-in</title><style>${STYLE}</style></head>
<body><main><div class="brand">Riverside Health</div>${body}</main></body></html>`;
}

export function loginPage(options: {
  action: string;
  abortAction: string;
  clientName: string;
  accounts: readonly DemoAccountView[];
  error?: string;
  username?: string;
}): string {
  const rows = options.accounts
    .map(
      (a) =>
        `<tr><td><code>${escapeHtml(a.username)}</code></td><td><code>${escapeHtml(a.password)}</code></td><td>${escapeHtml(a.displayName)}: ${escapeHtml(a.description)}</td></tr>`,
    )
    .join('');
  return page(
    'Sign in',
    `<h1>Sign in to ${escapeHtml(options.clientName)}</h1>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="${escapeHtml(options.action)}">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(options.username ?? '')}" autofocus>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="${escapeHtml(options.abortAction)}"><button class="secondary" type="submit">Cancel</button></form>
<h2>Demo accounts</h2>
<table><thead><tr><th>Username</th><th>Password</th><th>Who</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

export function consentPage(options: {
  action: string;
  clientName: string;
  userName: string;
  patients: readonly { id: string; name: string; relation: string }[];
  chosenPatient?: string;
  scopeDescriptions: readonly string[];
}): string {
  const choosing = options.patients.length > 1;
  const picker = choosing
    ? `<fieldset><legend><strong>Whose record do you want to open?</strong></legend>
${options.patients
  .map(
    (p, i) =>
      `<label><input type="radio" name="patient" value="${escapeHtml(p.id)}" ${(options.chosenPatient ? p.id === options.chosenPatient : i === 0) ? 'checked' : ''}> ${escapeHtml(p.name)} <small>(${escapeHtml(p.relation)})</small></label>`,
  )
  .join('')}</fieldset>`
    : options.patients[0]
      ? `<input type="hidden" name="patient" value="${escapeHtml(options.patients[0].id)}">`
      : '';
  return page(
    'Allow access',
    `<h1>Allow ${escapeHtml(options.clientName)} to access your record?</h1>
<p>Signed in as <strong>${escapeHtml(options.userName)}</strong>.</p>
<form method="post" action="${escapeHtml(options.action)}">
${picker}
<p>${escapeHtml(options.clientName)} will be able to:</p>
<ul>${options.scopeDescriptions.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>
<button type="submit" name="decision" value="allow">Allow</button>
<button class="secondary" type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/** The RP-initiated logout confirmation, submitted at once (a button remains for when scripts are off). */
export function logoutPage(form: string, nonce: string): string {
  return page(
    'Signing out',
    `<h1>Signing you out…</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<script nonce="${escapeHtml(nonce)}">const f=document.getElementById('op.logoutForm');const i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();</script>`,
  );
}
