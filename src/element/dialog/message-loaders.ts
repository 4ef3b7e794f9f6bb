/**
 * The waiting dialog's strings in each built-in language but English (which comes with the dialog),
 * each in its own chunk: a page loads only its own language's, when the dialog first opens.
 */
import type { TelegramLoginDialogMessages } from '../translation.js';

type Loader = () => Promise<{ default: TelegramLoginDialogMessages }>;

// Literal import() calls, so bundlers (the drop-in's Vite build) make one chunk per language.
export const DIALOG_MESSAGE_LOADERS: Readonly<Record<string, Loader>> = {
  ru: () => import('./messages/ru.js'),
  uk: () => import('./messages/uk.js'),
  be: () => import('./messages/be.js'),
  es: () => import('./messages/es.js'),
  'pt-br': () => import('./messages/pt-br.js'),
  de: () => import('./messages/de.js'),
  fr: () => import('./messages/fr.js'),
  it: () => import('./messages/it.js'),
  tr: () => import('./messages/tr.js'),
  id: () => import('./messages/id.js'),
  fa: () => import('./messages/fa.js'),
  ar: () => import('./messages/ar.js'),
  'zh-hans': () => import('./messages/zh-hans.js'),
  'zh-hant': () => import('./messages/zh-hant.js'),
  ja: () => import('./messages/ja.js'),
  ko: () => import('./messages/ko.js'),
  pl: () => import('./messages/pl.js'),
  nl: () => import('./messages/nl.js'),
  uz: () => import('./messages/uz.js'),
  kk: () => import('./messages/kk.js'),
  hi: () => import('./messages/hi.js'),
};
