import { Linter, type Rule } from 'eslint';

/** Globals that Node has and a browser lacks: a built file that reads one throws a ReferenceError in the page. */
export const NODE_GLOBALS = ['process', 'require', 'module', 'exports', 'global', 'Buffer', '__dirname', '__filename', 'setImmediate'] as const;

/** A read of a Node global in a built file, with the code around it. */
export interface NodeGlobalRead {
  name: string;
  line: number;
  snippet: string;
}

type Node = Rule.Node;

/** Whether `node` (an expression) contains `typeof <name>`. */
function checksTypeof(node: unknown, name: string): boolean {
  if (!node || typeof node !== 'object') return false;
  const candidate = node as { type?: string; operator?: string; argument?: { type?: string; name?: string } };
  if (candidate.type === 'UnaryExpression' && candidate.operator === 'typeof' && candidate.argument?.type === 'Identifier' && candidate.argument.name === name) return true;
  return Object.entries(node).some(([key, value]) => key !== 'parent' && (Array.isArray(value) ? value.some((item) => checksTypeof(item, name)) : checksTypeof(value, name)));
}

/**
 * Whether the read cannot throw: it is itself a `typeof` test, or it sits on the far side of one
 * (`typeof process < "u" && process.env`, `typeof module == "object" ? module.exports : …`, an `if`),
 * or in a `try` block.
 */
function guarded(identifier: Node, name: string): boolean {
  const { parent: reader } = identifier as Node & { parent: Node | null };
  if (reader?.type === 'UnaryExpression' && reader.operator === 'typeof') return true;
  let child: Node = identifier;
  for (let parent = reader; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'LogicalExpression' && child === parent.right && checksTypeof(parent.left, name)) return true;
    if ((parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') && child !== parent.test && checksTypeof(parent.test, name)) return true;
    if (parent.type === 'TryStatement' && child === parent.block) return true;
  }
  return false;
}

/** Reports every unguarded read of a Node global that no scope of the file declares. */
const nodeGlobalsRule: Rule.RuleModule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    return {
      'Program:exit'(program) {
        for (const reference of context.sourceCode.getScope(program).through) {
          const { name } = reference.identifier;
          const node = reference.identifier as Node;
          if ((NODE_GLOBALS as readonly string[]).includes(name) && !guarded(node, name)) context.report({ node, message: name });
        }
      },
    };
  },
};

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  {
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: {} },
    plugins: { built: { rules: { 'node-globals': nodeGlobalsRule } } },
    rules: { 'built/node-globals': 'error' },
  },
];

/**
 * The reads of Node globals (`process.env`, `require(`, `__dirname`, `Buffer.`, `global.` …) in an ES module's
 * source that neither a declaration in the file nor a `typeof` test guards. Throws when the source does not parse.
 */
export function findNodeGlobals(source: string, fileName = 'module.js'): NodeGlobalRead[] {
  const messages = linter.verify(source, config, { filename: fileName });
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${fileName} does not parse: ${fatal.message} (line ${fatal.line})`);
  const lines = source.split('\n');
  return messages.map((m) => {
    const text = lines[m.line - 1] ?? '';
    const start = Math.max(0, m.column - 1 - 60);
    return { name: m.message, line: m.line, snippet: text.slice(start, m.column - 1 + 60).trim() };
  });
}
