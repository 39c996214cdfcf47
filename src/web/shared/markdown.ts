/**
 * Markdown written by an admin (the footer's pages), shown safely: marked's lexer turns it
 * into tokens, and this file builds DOM nodes from them with h() and text nodes — never
 * innerHTML. Raw HTML in the text is shown as text; links keep only http(s), mailto or
 * relative targets (anything else becomes plain text); images show their description only.
 */

import { Lexer, type Token, type Tokens } from 'marked';
import { h, type Child } from './dom.ts';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** The link's target when it is safe to follow: http(s), mailto, or relative to this site. */
export function safeHref(raw: string): string | undefined {
  // Control characters and spaces inside a scheme are how "java\tscript:" sneaks through.
  const href = raw.trim();
  if (!href || [...href].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) return undefined;
  const scheme = SCHEME.exec(href)?.[1]?.toLowerCase();
  if (scheme === undefined) return href.startsWith('\\') ? undefined : href;
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto' ? href : undefined;
}

function inline(tokens: Token[] | undefined): Child[] {
  return (tokens ?? []).map(inlineToken);
}

function inlineToken(token: Token): Child {
  switch (token.type) {
    case 'strong':
      return h('strong', null, inline((token as Tokens.Strong).tokens));
    case 'em':
      return h('em', null, inline((token as Tokens.Em).tokens));
    case 'del':
      return h('del', null, inline((token as Tokens.Del).tokens));
    case 'codespan':
      return h('code', null, (token as Tokens.Codespan).text);
    case 'br':
      return h('br');
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeHref(link.href);
      if (!href) return inline(link.tokens);
      const external = /^https?:/i.test(href) && !href.startsWith(window.location.origin);
      return h('a', { href, title: link.title ?? null, rel: external ? 'noopener noreferrer' : null }, inline(link.tokens));
    }
    case 'image':
      return (token as Tokens.Image).text;
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens) : text.text;
    }
    case 'checkbox':
      return (token as Tokens.Checkbox).checked ? '☑ ' : '☐ ';
    default:
      // html, escape, tag and anything newer: their source, as text.
      return 'text' in token && typeof token.text === 'string' ? token.text : token.raw;
  }
}

function block(token: Token): Child {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'heading': {
      const heading = token as Tokens.Heading;
      // The page's own title is the h1: a "#" in the text is taken as "##".
      const level = Math.min(6, Math.max(2, heading.depth)) as 2 | 3 | 4 | 5 | 6;
      return h(`h${level}`, null, inline(heading.tokens));
    }
    case 'paragraph':
      return h('p', null, inline((token as Tokens.Paragraph).tokens));
    case 'hr':
      return h('hr');
    case 'code':
      return h('pre', null, h('code', null, (token as Tokens.Code).text));
    case 'blockquote':
      return h('blockquote', null, blocks((token as Tokens.Blockquote).tokens));
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item) =>
        h(
          'li',
          null,
          item.tokens.map((t) => (t.type === 'text' || t.type === 'checkbox' ? inlineToken(t) : block(t))),
        ),
      );
      return list.ordered ? h('ol', { start: typeof list.start === 'number' && list.start !== 1 ? list.start : null }, items) : h('ul', null, items);
    }
    case 'table': {
      const table = token as Tokens.Table;
      return h(
        'div',
        { class: 'md-table' },
        h(
          'table',
          null,
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              table.header.map((c) => h('th', { scope: 'col' }, inline(c.tokens))),
            ),
          ),
          h(
            'tbody',
            null,
            table.rows.map((row) =>
              h(
                'tr',
                null,
                row.map((c) => h('td', null, inline(c.tokens))),
              ),
            ),
          ),
        ),
      );
    }
    case 'text':
      return h('p', null, inlineToken(token));
    default:
      // Block HTML and anything unknown: its source, as a paragraph of text.
      return h('p', null, token.raw.trim());
  }
}

function blocks(tokens: Token[]): Child[] {
  return tokens.map(block);
}

/** The markdown as DOM nodes, ready to append. */
export function renderMarkdown(markdown: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const node of blocks(Lexer.lex(markdown))) if (node instanceof Node) fragment.append(node);
  return fragment;
}
