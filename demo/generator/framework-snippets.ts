// The browser half in a framework: React (the package's <TelegramLoginButton> wrapper) and a Vue 3
// single-file component. Same login steps as the HTML page, in each framework's idiom.
import type { DemoConfig } from './config.js';
import { ASK_SERVER, verifyThenContinue } from './page-snippets.js';
import { PROPERTY_NAMES, escapeHtml, htmlComment, indented, isFlag, js, lineComment, problemLines, snippetAttributes, type SnippetContext } from './text.js';

/** A JSX attribute value: a plain string where JSX allows one, an expression otherwise. */
const jsxValue = (value: string): string => (/["\\{}<>&]/.test(value) ? `{${JSON.stringify(value)}}` : `"${value}"`);

/** The library flow's success handler: the server verifies the id_token; a failure gets a new nonce. */
function verifyOnSuccess(config: DemoConfig): string[] {
  return [
    `async function onSuccess({ detail }) {`,
    ...verifyThenContinue(config),
    `}`,
  ];
}

/** The code and bot flows' success: the server set the session cookie already. */
const serverDidIt = (config: DemoConfig): string =>
  config.flow === 'bot'
    ? `// The user pressed the code in your bot; your server set the session cookie.`
    : `// Your server redeemed the code (exchange-url) and set the session cookie.`;

/** React 18 and 19: the package's `<TelegramLoginButton>` wrapper (telegram-login-kit/react). */
export function reactSnippet(config: DemoConfig, context: SnippetContext): string {
  const library = config.flow === 'library';
  const props = snippetAttributes(config, context).map(([name, value]) => {
    const prop = PROPERTY_NAMES[name] ?? name;
    return isFlag(name, value) ? prop : `${prop}=${jsxValue(value)}`;
  });
  if (library) props.push('nonce={nonce}', 'hidden={!nonce}');
  props.push("onStart={() => setProblem('')}", 'onSuccess={onSuccess}', 'onError={({ detail }) => showProblem(detail.error)}');
  const body = [
    `const [problem, setProblem] = useState('');`,
    `// Show every failure to the user and log its code: never swallow one.`,
    `const showProblem = ({ code = 'network_error', message }) => {`,
    `  console.error(code, message);`,
    '  setProblem(`Login failed: ${message} (${code})`);',
    `};`,
    ...(library
      ? [
          `const [nonce, setNonce] = useState('');`,
          `// A fresh single-use nonce from your server for every login; the button`,
          `// shows once it has one (a click before that could only fail).`,
          `const freshNonce = () =>`,
          `  askServer('nonce').then((body) => setNonce(body.nonce), showProblem);`,
          `useEffect(() => {`,
          `  void freshNonce();`,
          `}, []);`,
          ``,
          ...verifyOnSuccess(config),
        ]
      : [serverDidIt(config), `const onSuccess = () => location.assign(${js(config.afterLogin)});`]),
  ];
  const close = config.label ? `      >{${JSON.stringify(config.label)}}</TelegramLoginButton>` : '      />';
  return `${problemLines(config, context, lineComment)}// npm install telegram-login-kit@^${context.version}   (React 18 or 19)
import { ${library ? 'useEffect, ' : ''}useState } from 'react';
import { TelegramLoginButton } from 'telegram-login-kit/react'; // also registers <telegram-login-button>
${library ? `\n${ASK_SERVER.join('\n')}\n` : ''}
export function TelegramLogin() {
${indented(body, '  ')}

  return (
    <>
      <TelegramLoginButton
${indented(props, '        ')}
${close}
      <p role="alert">{problem}</p>
    </>
  );
}
`;
}

/** Vue 3 single-file component. */
export function vueSnippet(config: DemoConfig, context: SnippetContext): string {
  const library = config.flow === 'library';
  const attributes = snippetAttributes(config, context).map(([name, value]) => (isFlag(name, value) ? name : `${name}="${escapeHtml(value)}"`));
  if (library) attributes.push(':nonce="nonce"', ':hidden="!nonce"');
  attributes.push(
    `@telegram-login-start="problem = ''"`,
    '@telegram-login-success="onSuccess"',
    '@telegram-login-error="({ detail }) => showProblem(detail.error)"',
  );
  const script = [
    `import 'telegram-login-kit'; // registers <telegram-login-button>`,
    `import { ${library ? 'onMounted, ' : ''}ref } from 'vue';`,
    ``,
    `const problem = ref('');`,
    `// Show every failure to the user and log its code: never swallow one.`,
    `function showProblem({ code = 'network_error', message }) {`,
    `  console.error(code, message);`,
    '  problem.value = `Login failed: ${message} (${code})`;',
    `}`,
    ...(library
      ? [
          ...ASK_SERVER,
          `const nonce = ref('');`,
          `// A fresh single-use nonce from your server for every login; the button`,
          `// shows once it has one (a click before that could only fail).`,
          `const freshNonce = () =>`,
          `  askServer('nonce').then((body) => (nonce.value = body.nonce), showProblem);`,
          `onMounted(freshNonce);`,
          ``,
          ...verifyOnSuccess(config),
        ]
      : [serverDidIt(config), `const onSuccess = () => location.assign(${js(config.afterLogin)});`]),
  ];
  return `${problemLines(config, context, htmlComment)}<!-- npm install telegram-login-kit@^${context.version}
     vite.config: vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'telegram-login-button' } } }) -->
<script setup>
${script.join('\n')}
</script>

<template>
  <telegram-login-button
${indented(attributes, '    ')}
  >${escapeHtml(config.label)}</telegram-login-button>
  <p role="alert">{{ problem }}</p>
</template>
`;
}
