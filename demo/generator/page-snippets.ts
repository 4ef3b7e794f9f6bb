// The browser half without a framework: the HTML page (the "HTML drop-in" tab) and the npm / ESM
// module. Both finish a login the same way and show every failure to the user.
import type { DemoConfig } from './config.js';
import {
  AUTH_BASE,
  BUNDLE_SRC,
  MOCK_COMMAND,
  PROPERTY_NAMES,
  cdnUrl,
  htmlComment,
  htmlTag,
  indented,
  isFlag,
  js,
  lineComment,
  paragraph,
  problemLines,
  snippetAttributes,
  type SnippetContext,
} from './text.js';

/** Shows a failure on the page and in the console: the element's errors and the server's refusals alike. */
const SHOW_PROBLEM = [
  `// Show every failure to the user and log its code: never swallow one.`,
  `function showProblem({ code = 'network_error', message }) {`,
  `  console.error(code, message);`,
  '  problem.textContent = `Login failed: ${message} (${code})`;',
  `}`,
  `button.addEventListener('telegram-login-start', () => (problem.textContent = ''));`,
  `button.addEventListener('telegram-login-error', ({ detail }) => showProblem(detail.error));`,
];

/** The server kit's JSON routes; a refusal becomes an Error with the route's `error` code and `message`. */
export const ASK_SERVER = [
  `// Your server's auth routes answer JSON; { error, message } when they refuse.`,
  `async function askServer(route, init) {`,
  '  const response = await fetch(`' + AUTH_BASE + '/${route}`, init);',
  `  const body = await response.json().catch(() => ({}));`,
  `  if (response.ok) return body;`,
  '  const { error = `http_${response.status}`, message = response.statusText } = body;',
  `  throw Object.assign(new Error(message), { code: error });`,
  `}`,
];

/** The POST that has the server verify a library-flow id_token (and start the session). */
const VERIFY_CALL = [
  `// detail.user is NOT verified yet: your server checks the id_token`,
  `// and sets the session cookie.`,
  `await askServer('verify', {`,
  `  method: 'POST',`,
  `  headers: { 'Content-Type': 'application/json' },`,
  `  body: JSON.stringify({ idToken: detail.idToken }),`,
  `});`,
];

/** A library-flow success handler's body: verify, go on to the account page, or show the problem. */
export function verifyThenContinue(config: DemoConfig): string[] {
  return [
    `  try {`,
    ...VERIFY_CALL.map((line) => `    ${line}`),
    `    location.assign(${js(config.afterLogin)});`,
    `  } catch (error) {`,
    `    showProblem(error);`,
    `    await freshNonce(); // a nonce works once`,
    `  }`,
  ];
}

/** What the server has done by the time a code-flow or bot-flow success fires. */
function serverDidIt(config: DemoConfig): string[] {
  if (config.flow === 'bot') {
    return [`// The user pressed the code in your bot; before this event fires, your`, `// server set the session cookie.`];
  }
  return [
    `// ${config.flow === 'popup' ? 'The popup' : 'The page'} comes back to redirect-uri; before this event fires,`,
    `// your server redeemed the code at exchange-url, verified the id_token`,
    `// and set the session cookie.`,
  ];
}

/** After the element's success: the library flow still needs the server's check; the others had it. */
function finishLogin(config: DemoConfig): string[] {
  if (config.flow !== 'library') {
    return [...serverDidIt(config), `button.addEventListener('telegram-login-success', () => location.assign(${js(config.afterLogin)}));`];
  }
  return [
    ...ASK_SERVER,
    `// A fresh single-use nonce from your server for every login. The button`,
    `// shows once it has one: a click before that could only fail.`,
    `const freshNonce = () =>`,
    `  askServer('nonce').then((body) => {`,
    `    button.nonce = body.nonce;`,
    `    button.hidden = false;`,
    `  }, showProblem);`,
    `await freshNonce();`,
    `button.addEventListener('telegram-login-success', async ({ detail }) => {`,
    ...verifyThenContinue(config),
    `});`,
  ];
}

function pageIntro(config: DemoConfig, context: SnippetContext): string[] {
  if (config.target === 'local') {
    return paragraph(
      `index.html, next to server.mjs (the "Server: Node" tab), which serves it at ${config.pageUrl} and the element's files from ./telegram-login-kit/. Telegram here is the mock: ${MOCK_COMMAND} (npm run mock in a clone of the kit). -->`,
      '<!-- ',
      '     ',
    );
  }
  return [
    ...paragraph(
      `The page with the button, ${config.pageUrl}. The element is self-hosted: copy node_modules/telegram-login-kit/dist/ to /telegram-login-kit/ on your site (the whole folder, again after every upgrade; server.mjs in the "Server: Node" tab serves it). From a CDN instead, once telegram-login-kit@${context.version} is published on npm:`,
      '<!-- ',
      '     ',
    ),
    `     <script type="module" src="${cdnUrl(context)}"></script>`,
    ...paragraph(`Under a strict CSP, move the inline script into a file of your own (the "CSP & COOP" tab). -->`, '     ', '     '),
  ];
}

/** The HTML page: the self-hosted bundle, the tag, and the few lines that finish a login. */
export function htmlSnippet(config: DemoConfig, context: SnippetContext): string {
  const intro = pageIntro(config, context).join('\n');
  return `${problemLines(config, context, htmlComment)}<!doctype html>
${intro}
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Log in</title>
  <script type="module" src="${BUNDLE_SRC}" blocking="render"></script>
</head>
<body>
${htmlTag(config, context, '  ', config.flow === 'library' ? [['hidden', '']] : [])}
  <p id="login-problem" role="alert"></p>

  <script type="module">
    const button = document.querySelector('telegram-login-button');
    const problem = document.querySelector('#login-problem');
${indented([...SHOW_PROBLEM, ...finishLogin(config)], '    ')}
  </script>
</body>
</html>
`;
}

/** npm / ESM, for a bundler (Vite, webpack, Rollup, esbuild). */
export function npmSnippet(config: DemoConfig, context: SnippetContext): string {
  const attributes = [...snippetAttributes(config, context), ...(config.flow === 'library' ? [['hidden', ''] as [string, string]] : [])];
  const properties = attributes.map(([name, value]) => `  ${PROPERTY_NAMES[name] ?? name}: ${isFlag(name, value) ? 'true' : js(value)},`);
  return `${problemLines(config, context, lineComment)}// npm install telegram-login-kit@^${context.version}
import 'telegram-login-kit'; // registers <telegram-login-button>

const button = document.createElement('telegram-login-button');
Object.assign(button, {
${properties.join('\n')}
});
${config.label ? `button.textContent = ${js(config.label)};\n` : ''}const problem = document.createElement('p');
problem.role = 'alert';
document.body.append(button, problem); // or wherever they belong on your page

${[...SHOW_PROBLEM, ...finishLogin(config)].join('\n')}
`;
}
