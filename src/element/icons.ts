import { svg } from 'lit';

/** A paper plane in the spirit of Telegram's mark, drawn for this project. */
export const telegramIcon = svg`<svg viewBox="0 0 24 24" width="100%" height="100%" aria-hidden="true" focusable="false"><path fill="currentColor" d="M3.4 11.1 19.6 4.8c.75-.29 1.52.36 1.35 1.15l-2.76 13.01c-.16.76-1.05 1.1-1.68.64l-4.24-3.1-2.16 2.08c-.3.29-.8.12-.86-.29l-.43-3.9 7.56-6.9c.2-.18-.04-.49-.27-.35L7.72 13.44 3.3 12.05c-.61-.19-.5-.72.1-.95Z"/></svg>`;
