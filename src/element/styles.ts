import { css } from 'lit';

/*
 * Public tokens are `--telegram-login-button-*`; each variant maps them onto private `--_*`
 * variables with its own default, so a site's custom property wins over every variant.
 * The default blue is darker than Telegram's #119af5 so that white text meets WCAG AA (4.5:1).
 */
export const styles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
    max-width: 100%;
  }
  :host([full-width]) {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }

  .button {
    --_height: var(--telegram-login-button-height, 44px);
    --_font-size: 16px;
    --_icon-size: 22px;
    --_padding: 0 24px 0 20px;
    --_radius: var(--telegram-login-button-radius, calc(var(--_height) / 2));
    --_background: var(--telegram-login-button-background, #0b72c4);
    --_background-hover: var(--telegram-login-button-background-hover, #0a63ab);
    --_color: var(--telegram-login-button-color, #ffffff);
    --_border-color: var(--telegram-login-button-border-color, transparent);
    --_icon-background: transparent;
    --_icon-color: currentColor;
    --_focus-ring: var(--telegram-login-button-focus-ring, light-dark(#0b72c4, #6ab3f3));
    --_shine: rgba(255, 255, 255, 0.25);

    color-scheme: light;
    position: relative;
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    max-width: 100%;
    height: var(--_height);
    padding: var(--_padding);
    margin: 0;
    overflow: hidden;
    border: 1px solid var(--_border-color);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_color);
    font: var(--telegram-login-button-font, 600 var(--_font-size) / 1.2 -apple-system, system-ui, 'Segoe UI', Roboto, Arial, sans-serif);
    white-space: nowrap;
    cursor: pointer;
    user-select: none;
    -webkit-tap-highlight-color: transparent;
    transition: background-color 0.15s ease, border-color 0.15s ease;
  }
  .button:hover {
    background: var(--_background-hover);
  }
  .button:focus-visible {
    outline: 2px solid var(--_focus-ring);
    outline-offset: 2px;
  }
  .button:active {
    transform: translateY(0.5px);
  }

  .medium {
    --_height: var(--telegram-login-button-height, 36px);
    --_font-size: 15px;
    --_icon-size: 20px;
    --_padding: 0 18px 0 14px;
  }
  .small {
    --_height: var(--telegram-login-button-height, 28px);
    --_font-size: 13px;
    --_icon-size: 16px;
    --_padding: 0 12px 0 10px;
  }

  .rounded {
    --_radius: var(--telegram-login-button-radius, 10px);
  }
  .square {
    --_radius: var(--telegram-login-button-radius, 4px);
  }

  .outlined {
    --_background: var(--telegram-login-button-background, transparent);
    --_background-hover: var(--telegram-login-button-background-hover, light-dark(rgba(116, 116, 128, 0.08), rgba(255, 255, 255, 0.08)));
    --_color: var(--telegram-login-button-color, light-dark(#111111, #ffffff));
    --_border-color: var(--telegram-login-button-border-color, light-dark(rgba(0, 0, 0, 0.16), rgba(255, 255, 255, 0.28)));
    --_icon-background: #119af5;
    --_icon-color: #ffffff;
    --_shine: light-dark(rgba(255, 255, 255, 0.6), rgba(255, 255, 255, 0.2));
  }

  /* One palette per value through light-dark(): the theme only picks the color scheme. */
  .dark {
    color-scheme: dark;
  }
  .auto {
    color-scheme: light dark;
  }

  .full-width {
    width: 100%;
  }
  .icon-only {
    width: var(--_height);
    padding: 0;
  }

  .icon,
  .spinner {
    flex: none;
    box-sizing: border-box;
    width: var(--_icon-size);
    height: var(--_icon-size);
  }
  .icon {
    display: inline-flex;
    padding: 0;
    border-radius: 50%;
    background: var(--_icon-background);
    color: var(--_icon-color);
  }
  .outlined .icon {
    padding: 3px 3px 3px 2px;
  }
  .spinner {
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  .label {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .icon-only .label,
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  [hidden] {
    display: none !important;
  }

  .shine::after {
    content: '';
    position: absolute;
    inset: -2px auto -2px -75%;
    width: 50%;
    background: linear-gradient(100deg, transparent 0%, var(--_shine) 50%, transparent 100%);
    animation: shine 4s ease-in-out infinite;
    pointer-events: none;
  }

  /* Soft-disabled: still focusable and announced, so a click can explain what is wrong. */
  .invalid {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .invalid:hover {
    background: var(--_background);
  }
  .pending {
    cursor: progress;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @keyframes shine {
    0% {
      left: -75%;
    }
    60%,
    100% {
      left: 125%;
    }
  }
  /* Browsers without light-dark() would drop these declarations, and with them the focus ring. */
  @supports not (color: light-dark(#000, #fff)) {
    .button {
      --_focus-ring: var(--telegram-login-button-focus-ring, #0b72c4);
    }
    .dark {
      --_focus-ring: var(--telegram-login-button-focus-ring, #6ab3f3);
    }
    .outlined {
      --_color: var(--telegram-login-button-color, #111111);
      --_border-color: var(--telegram-login-button-border-color, rgba(0, 0, 0, 0.16));
      --_background-hover: var(--telegram-login-button-background-hover, rgba(116, 116, 128, 0.08));
    }
    .dark.outlined {
      --_color: var(--telegram-login-button-color, #ffffff);
      --_border-color: var(--telegram-login-button-border-color, rgba(255, 255, 255, 0.28));
      --_background-hover: var(--telegram-login-button-background-hover, rgba(255, 255, 255, 0.08));
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
    .shine::after {
      animation: none;
      display: none;
    }
    .button {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
    .button:focus-visible {
      outline-color: Highlight;
    }
  }
`;
