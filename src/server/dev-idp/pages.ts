import { DEMO_USERS } from "./demo-users";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Attache dev IdP</title>
<style>
  :root { color-scheme: light; font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f1f5f9; color: #0f172a; }
  main { max-width: 560px; margin: 48px auto; background: #fff; border: 1px solid #e2e8f0; border-radius: 12px; padding: 32px; }
  h1 { font-size: 1.25rem; margin: 0 0 4px; } p { color: #475569; margin: 0 0 16px; }
  .badge { display: inline-block; font-size: .75rem; background: #fef3c7; color: #92400e; border-radius: 999px; padding: 2px 10px; margin-bottom: 16px; }
  label { display: block; font-size: .875rem; font-weight: 600; margin: 12px 0 4px; }
  input { width: 100%; box-sizing: border-box; padding: 8px 10px; border: 1px solid #cbd5e1; border-radius: 8px; font-size: 1rem; }
  button { margin-top: 16px; width: 100%; padding: 10px; border: 0; border-radius: 8px; background: #4f46e5; color: #fff; font-size: 1rem; font-weight: 600; cursor: pointer; }
  .error { background: #fef2f2; color: #b91c1c; border: 1px solid #fecaca; border-radius: 8px; padding: 8px 12px; margin: 12px 0; }
  table { width: 100%; border-collapse: collapse; margin-top: 24px; font-size: .8125rem; }
  th, td { text-align: left; padding: 6px 4px; border-top: 1px solid #e2e8f0; } th { color: #64748b; font-weight: 600; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
</style></head><body><main>${body}</main></body></html>`;
}

export function renderLoginPage(input: { uid: string; email?: string; error?: string }): string {
  const rows = DEMO_USERS.map(
    (user) =>
      `<tr><td><code>${escapeHtml(user.email)}</code></td><td><code>${escapeHtml(user.password)}</code></td><td>${escapeHtml(user.note)}</td></tr>`,
  ).join("");
  return layout(
    "Sign in",
    `<span class="badge">Development identity provider: demo accounts only</span>
<h1>Sign in to Attache</h1>
<p>This local OpenID Provider stands in for your company's SSO.</p>
${input.error ? `<div class="error" role="alert">${escapeHtml(input.error)}</div>` : ""}
<form method="post" action="/interaction/${escapeHtml(input.uid)}/login" autocomplete="off">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" required autofocus value="${escapeHtml(input.email ?? "")}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required>
  <button type="submit">Sign in</button>
</form>
<table aria-label="Demo accounts"><thead><tr><th>Email</th><th>Password</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
