import ts from 'typescript';

/** Attributes whose value a person reads or hears: they must come from t() like any text. */
export const TEXT_ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-placeholder'];

export interface HardCodedText {
  file: string;
  line: number;
  text: string;
  where: 'text' | 'attribute' | 'expression';
}

/**
 * Text counts as user-facing when it has a letter in any script. Punctuation, digits and
 * symbols (":", "—", "1/2") may sit between translated pieces.
 */
export const hasLetter = (text: string): boolean => /\p{L}/u.test(text);

/**
 * Parses a .tsx source with the TypeScript compiler (not regular expressions, which cannot tell
 * JSX text from generics or comparison operators) and reports every hard-coded string a user
 * would see: JSX text, string literals placed as JSX children, and string values of the text
 * attributes above.
 */
export function findHardCodedText(source: string, file = 'sample.tsx'): HardCodedText[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCodedText[] = [];
  const report = (node: ts.Node, text: string, where: HardCodedText['where']) => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    found.push({ file, line: line + 1, text: text.trim(), where });
  };
  const literalText = (node: ts.Node | undefined): string | null => {
    if (!node) return null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) {
      return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    }
    if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
    if (ts.isConditionalExpression(node)) {
      return [literalText(node.whenTrue), literalText(node.whenFalse)].filter((t) => t !== null).join(' ') || null;
    }
    if (ts.isBinaryExpression(node)) {
      // Only operators whose result can be one of the strings: `'a' + b`, `x ?? 'a'`,
      // `x || 'a'`, `cond && 'a'` (where the left side is a condition, not output).
      switch (node.operatorToken.kind) {
        case ts.SyntaxKind.PlusToken:
        case ts.SyntaxKind.QuestionQuestionToken:
        case ts.SyntaxKind.BarBarToken:
          return [literalText(node.left), literalText(node.right)].filter((t) => t !== null).join(' ') || null;
        case ts.SyntaxKind.AmpersandAmpersandToken:
          return literalText(node.right);
        default:
          return null;
      }
    }
    return null;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (hasLetter(node.text)) report(node, node.text, 'text');
    } else if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      // A child like {'Xin chào'} or {ok ? 'Có' : 'Không'}.
      const text = literalText(node.expression);
      if (text !== null && hasLetter(text)) report(node, text, 'expression');
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sourceFile);
      if (TEXT_ATTRIBUTES.includes(name)) {
        const init = node.initializer;
        const text = init && ts.isJsxExpression(init) ? literalText(init.expression) : literalText(init);
        if (text !== null && hasLetter(text)) report(node, text, 'attribute');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
