import { css } from 'lit';

/*
 * The waiting dialog's stylesheet, adopted into the shadow root that shows it (the element's, or the
 * one login() makes) when a dialog opens: no style attributes, so it works under a strict CSP.
 * Classes start with `wd-` so they never meet the button's own. Public tokens:
 * --telegram-login-dialog-background, --telegram-login-dialog-color, --telegram-login-dialog-font.
 */
export const dialogStyles = css`
  .waiting-dialog {
    --_background: var(--telegram-login-dialog-background, light-dark(#ffffff, #17212b));
    --_color: var(--telegram-login-dialog-color, light-dark(#111111, #f5f5f5));
    --_muted: light-dark(#5b6068, #aab4bf);
    --_link: light-dark(#0a63ab, #7cbcf5);
    --_focus-ring: light-dark(#0b72c4, #6ab3f3);

    color-scheme: light;
    box-sizing: border-box;
    width: min(24rem, calc(100vw - 2rem));
    max-height: calc(100dvh - 2rem);
    overflow: auto;
    padding: 24px;
    border: none;
    border-radius: 16px;
    background: var(--_background);
    color: var(--_color);
    font: var(--telegram-login-dialog-font, 400 15px / 1.45 -apple-system, system-ui, 'Segoe UI', Roboto, Arial, sans-serif);
    text-align: center;
    box-shadow: 0 12px 40px rgba(0, 0, 0, 0.28);
  }
  .waiting-dialog.dark {
    color-scheme: dark;
  }
  .waiting-dialog.auto {
    color-scheme: light dark;
  }
  .waiting-dialog::backdrop {
    background: rgba(0, 0, 0, 0.45);
  }
  .wd-title {
    margin: 0 0 8px;
    font-size: 1.25em;
    line-height: 1.3;
    font-weight: 600;
  }
  .wd-lead,
  .wd-status,
  .wd-time {
    color: var(--_muted);
  }
  .wd-lead {
    margin: 0 0 16px;
  }
  .wd-qr {
    display: block;
    width: 200px;
    height: 200px;
    margin: 0 auto 16px;
    border-radius: 8px;
  }
  .wd-step {
    margin: 0;
  }
  .wd-code {
    margin: 4px 0 16px;
    font-size: 2.5em;
    line-height: 1.1;
    font-weight: 700;
    letter-spacing: 0.08em;
    padding-inline-start: 0.08em;
    font-variant-numeric: tabular-nums;
  }
  .wd-open {
    display: flex;
    align-items: center;
    justify-content: center;
    min-height: 44px;
    padding: 0 20px;
    border-radius: 22px;
    background: #0b72c4;
    color: #ffffff;
    font-weight: 600;
    text-decoration: none;
  }
  .wd-open:hover {
    background: #0a63ab;
  }
  .wd-web {
    display: inline-block;
    margin-top: 12px;
    color: var(--_link);
    font-size: 0.875em;
  }
  .wd-status {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    margin: 20px 0 0;
    font-size: 0.875em;
  }
  .wd-spinner {
    flex: none;
    box-sizing: border-box;
    width: 16px;
    height: 16px;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: wd-spin 0.8s linear infinite;
  }
  .wd-time {
    margin: 4px 0 0;
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }
  .wd-cancel {
    min-height: 40px;
    margin-top: 20px;
    padding: 0 20px;
    border: 1px solid light-dark(rgba(0, 0, 0, 0.24), rgba(255, 255, 255, 0.32));
    border-radius: 20px;
    background: transparent;
    color: inherit;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .wd-cancel:hover {
    background: light-dark(rgba(116, 116, 128, 0.08), rgba(255, 255, 255, 0.08));
  }
  .wd-open:focus-visible,
  .wd-web:focus-visible,
  .wd-cancel:focus-visible {
    outline: 2px solid var(--_focus-ring);
    outline-offset: 2px;
  }
  .wd-sr {
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
  @keyframes wd-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .wd-spinner {
      animation: none;
      border-inline-end-color: currentColor;
      opacity: 0.6;
    }
  }
  @media (forced-colors: active) {
    .waiting-dialog,
    .wd-open {
      border: 1px solid CanvasText;
    }
    .wd-open:focus-visible,
    .wd-web:focus-visible,
    .wd-cancel:focus-visible {
      outline-color: Highlight;
    }
  }
`;
