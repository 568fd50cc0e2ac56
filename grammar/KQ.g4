// The grammar of .kq files: the core of ../shared/design/LANGUAGE.md.
//
// Formulas follow the precedence the language fixes, loosest first:
// `exists` (its body reaches as far right as it can), `|`, `&`, `!`.
// The parse tree is turned into the AST by frontend/ASTBuilder.cpp; nothing
// here knows about semantics.
grammar KQ;

program : statement* EOF ;

statement
  : importDecl
  | graphDecl
  | modelDecl
  | queryDecl
  | answerStmt
  | linkpredStmt
  | evalStmt
  | benchStmt
  | emitStmt
  | quizStmt
  | promptStmt
  | skillDecl
  | llmDecl
  | askStmt
  ;

// `import "std/fit.kq" as fit;` names the module's queries `fit.NAME`.
importDecl   : IMPORT path=STRING (as_=ident prefix=ident)? SEMI ;
graphDecl    : GRAPH name=ident EQUALS LOAD path=STRING option* SEMI ;
modelDecl    : MODEL name=ident EQUALS family=ident path=STRING ON graph=ident SEMI ;
queryDecl    : QUERY name=ident (LPAREN params=identList? RPAREN)? EQUALS answerVars DOT formula SEMI ;
answerStmt   : ANSWER queryRef ON graphRef SEMI ;
linkpredStmt : LINKPRED model=ident ON graphRef option* SEMI ;
// `eval MODEL on BENCH ...` answers with a link predictor; `eval "FILE.npy"
// on BENCH ...` reads the scores of another model.
evalStmt     : EVAL (model=ident | scores=STRING) ON bench=ident option* SEMI ;
// Options are named by ordinary identifiers (`ties realistic`, `per relation,
// direction`, `max_answers 100`), so their names stay free for programs to
// use elsewhere.
option       : key=ident optionValue (COMMA optionValue)* ;
optionValue  : ident | NUMBER | STRING ;
benchStmt    : BENCH name=ident EQUALS SAMPLE templateList FROM graph=ident
               OBSERVED splitList FULL splitList COUNT count=NUMBER SEED seed=NUMBER option* SEMI ;
emitStmt     : EMIT name=ident TO path=STRING option* SEMI ;
quizStmt     : QUIZ name=ident EQUALS KGQUIZ FROM graphRef FORMATS identList
               COUNT count=NUMBER SEED seed=NUMBER option* SEMI ;
promptStmt   : PROMPT name=ident EQUALS SKIC OVER bench=ident EXAMPLES examples=NUMBER
               SEED seed=NUMBER option* SEMI ;
// `skill follow = follow "DESCRIPTION" step "TEMPLATE" example random;`: the
// operation taught is an identifier, so its names stay free elsewhere.
skillDecl    : SKILL name=ident EQUALS operation=ident description=STRING option* SEMI ;
llmDecl      : LLM name=ident EQUALS family=ident endpoint=STRING MODEL model=STRING option* SEMI ;
askStmt      : ASK llm=ident ON source=ident option* SEMI ;

answerVars : VARIABLE (COMMA VARIABLE)* ;
queryRef   : name=qualifiedIdent (LPAREN (name_ (COMMA name_)*)? RPAREN)? ;
graphRef   : name=ident splitList ;
splitList  : LPAREN identList RPAREN ;
identList  : ident (COMMA ident)* ;
// A query, possibly of a module imported with a prefix: `fit.pni`.
qualifiedIdent : ident (DOT ident)* ;
templateList   : qualifiedIdent (COMMA qualifiedIdent)* ;

formula     : disjunction ;
disjunction : conjunction (OR conjunction)* ;
conjunction : unary (AND unary)* ;
unary       : NOT unary                                   # Negation
            | primary                                     # PrimaryFormula
            ;
primary     : EXISTS VARIABLE (COMMA VARIABLE)* DOT formula # Exists
            | LPAREN formula RPAREN                             # Parenthesized
            | predicate=name_ LPAREN term COMMA term RPAREN       # Atom
            ;
term        : VARIABLE | name_ ;

// A name of an entity, a relation or a template parameter.
name_ : ident | STRING ;
ident : IDENT ;

// Keywords are reserved identifiers.
SEMI     : ';' ;
EQUALS   : '=' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
DOT      : '.' ;
COMMA    : ',' ;
IMPORT   : 'import' ;
GRAPH    : 'graph' ;
LOAD     : 'load' ;
MODEL    : 'model' ;
QUERY    : 'query' ;
ANSWER   : 'answer' ;
ON       : 'on' ;
LINKPRED : 'linkpred' ;
EVAL     : 'eval' ;
BENCH    : 'bench' ;
SAMPLE   : 'sample' ;
FROM     : 'from' ;
OBSERVED : 'observed' ;
FULL     : 'full' ;
COUNT    : 'count' ;
SEED     : 'seed' ;
EMIT     : 'emit' ;
TO       : 'to' ;
QUIZ     : 'quiz' ;
KGQUIZ   : 'kgquiz' ;
FORMATS  : 'formats' ;
PROMPT   : 'prompt' ;
SKIC     : 'skic' ;
OVER     : 'over' ;
EXAMPLES : 'examples' ;
SKILL    : 'skill' ;
LLM      : 'llm' ;
ASK      : 'ask' ;
EXISTS   : 'exists' | '\u2203' ;
OR       : 'or' | '|' | '\u2228' ;
AND      : 'and' | '&' | '\u2227' ;
NOT      : 'not' | '!' | '\u00AC' ;

VARIABLE : '?' [A-Za-z_] [A-Za-z0-9_]* ;
IDENT    : [A-Za-z_] [A-Za-z0-9_]*
         | [0-9]+ [A-Za-z_] [A-Za-z0-9_]*
         ;
NUMBER   : [0-9]+ ('.' [0-9]+)? ;
STRING   : '"' (ESCAPE | ~["\\\r\n])* '"' ;
// Malformed strings get tokens of their own so the front end can say what
// is wrong with them (STRING wins when both match: it comes first).
BAD_ESCAPE_STRING   : '"' ('\\' ~[\r\n] | ~["\\\r\n])* '"' ;
UNTERMINATED_STRING : '"' ('\\' ~[\r\n] | ~["\\\r\n])* '\\'? ;
fragment ESCAPE : '\\' (["\\/bfnrt] | 'u' HEX HEX HEX HEX) ;
fragment HEX    : [0-9a-fA-F] ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
// A block comment that is never closed: cannot contain '*/', so a closed
// comment never matches it.
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
WS            : [ \t\r\n\f]+ -> skip ;
// Anything else is one bad character; the parser reports it where it stands.
BAD_CHAR      : . ;
