import type { TelegramLoginButtonText } from './translation.js';

export type TelegramLoginButtonSize = 'large' | 'medium' | 'small';
export type TelegramLoginButtonShape = 'pill' | 'rounded' | 'square';
export type TelegramLoginButtonAppearance = 'filled' | 'outlined';
export type TelegramLoginButtonTheme = 'light' | 'dark' | 'auto';

/** The look attributes, each a known value. */
export interface ButtonLook {
  size: TelegramLoginButtonSize;
  shape: TelegramLoginButtonShape;
  appearance: TelegramLoginButtonAppearance;
  theme: TelegramLoginButtonTheme;
  text: TelegramLoginButtonText;
}

const CHOICES: { [K in keyof ButtonLook]: readonly ButtonLook[K][] } = {
  size: ['large', 'medium', 'small'],
  shape: ['pill', 'rounded', 'square'],
  appearance: ['filled', 'outlined'],
  theme: ['light', 'dark', 'auto'],
  text: ['login', 'signin', 'signup', 'continue'],
};

/**
 * The look from the attributes as given: the first choice of each is the default. A removed
 * attribute (null) or a property set to undefined means the default, silently; an unknown value
 * falls back to it with a warning that names the attribute.
 */
export function lookOf(given: { [K in keyof ButtonLook]?: string | null }, warn?: (message: string) => void): ButtonLook {
  const look = {} as Record<keyof ButtonLook, string>;
  for (const key of Object.keys(CHOICES) as (keyof ButtonLook)[]) {
    const choices = CHOICES[key] as readonly string[];
    const value = given[key];
    if (value === null || value === undefined || value === '' || choices.includes(value)) {
      look[key] = value && choices.includes(value) ? value : choices[0]!;
    } else {
      warn?.(`"${key}" must be one of ${choices.join(', ')}; got "${value}", using "${choices[0]}"`);
      look[key] = choices[0]!;
    }
  }
  return look as unknown as ButtonLook;
}
