/**
 * What a page of the HTML edition may load: its own styles and nothing else (no script, no fonts,
 * images or styles from elsewhere; inline SVG needs no source). Stated in the page itself, so that
 * it holds wherever the file is published.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
