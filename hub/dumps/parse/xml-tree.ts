import { SaxesParser } from 'saxes';

/** A parsed XML element: all the document builders need, and nothing of namespaces or positions. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside the element, entities decoded (`&#13;` is a CR). */
  text: string;
}

/**
 * Feeds XML text to saxes in fragment mode and calls `onRecord` with each element at depth 0,
 * i.e. each record once the dump's root element has been cut away (split.ts). Nested elements
 * that share a record's name (`<label>` under `<sublabels>`, `<artist>` under `<artists>`)
 * are therefore never mistaken for records.
 */
export class RecordTreeParser {
  readonly #parser = new SaxesParser({ fragment: true, position: false });
  readonly #stack: XmlElement[] = [];

  constructor(onRecord: (record: XmlElement) => void) {
    const stack = this.#stack;
    this.#parser.on('opentag', (tag) => {
      const el: XmlElement = {
        name: tag.name,
        attrs: tag.attributes as Record<string, string>,
        children: [],
        text: '',
      };
      stack.at(-1)?.children.push(el);
      stack.push(el);
    });
    this.#parser.on('text', (text) => {
      const top = stack.at(-1);
      if (top) top.text += text;
    });
    this.#parser.on('closetag', () => {
      const el = stack.pop()!;
      if (stack.length === 0) onRecord(el);
    });
  }

  /** True while a record has been opened and not yet closed. */
  get inRecord(): boolean {
    return this.#stack.length > 0;
  }

  /** Throws saxes' error (with its description) on text that is not well-formed XML. */
  write(text: string): void {
    this.#parser.write(text);
  }

  close(): void {
    this.#parser.close();
  }
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** The text of each child element, e.g. every `<genre>` under `<genres>`; empty ones dropped. */
export function texts(el: XmlElement | undefined): string[] | undefined {
  const list = el?.children.map((c) => c.text).filter((t) => t !== '');
  return list && list.length > 0 ? list : undefined;
}

/** A string that is absent when empty: the 2026 dumps omit empty elements, older ones wrote them. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** A positive integer id, or undefined for an absent, empty or `0` id (the dump's "none"). */
export function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n > 0 && Number.isSafeInteger(n) ? n : undefined;
}

/** A list that is absent when empty, so documents from both dump shapes come out alike. */
export function nonEmptyList<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
