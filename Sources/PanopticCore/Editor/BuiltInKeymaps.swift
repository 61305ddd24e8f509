/// The built-in keymaps, byte for byte the files in `keymaps/` (a test keeps
/// them equal), compiled in so the binary works from any folder.
extension Keymap {
  public static let defaultText = """
# panoptty default keymap: arrows to move, letters you can guess.
# Format: KEY COMMAND [ARGS]  (see docs/keymaps.md). Counts: type digits first
# (5<Right> moves five steps). Override in ~/.config/panoptty/keymap or --keymap FILE.
name default
<Left> move -1 0
<Right> move 1 0
<Up> move 0 -1
<Down> move 0 1
<S-Left> move -10 0
<S-Right> move 10 0
<S-Up> move 0 -10
<S-Down> move 0 10
<Home> move -100 0
<End> move 100 0
<PgUp> move 0 -20
<PgDn> move 0 20
<Space> apply
<Enter> apply
f tool fill
b tool brush
e tool erase
i tool pick
r tool rect
p tool poly
c prompt class
n new
[ brush -1
] brush +1
s brush shape
{ tolerance -4
} tolerance +4
t fillby
o preserve
A pan -10 0
D pan 10 0
W pan 0 -10
S pan 0 10
+ zoom in
= zoom in
- zoom out
0 zoom fit
z zoom seg
m overlay
v colorby
. opacity +0.1
, opacity -0.1
<Tab> panel
u undo
<C-r> redo
<C-y> redo
<C-s> w
: prompt
? help
<F1> help
q q
<Esc> cancel
"""

  public static let vimText = """
# panoptty vim keymap: hjkl, counts (5l), HJKL for big steps, :w and :q.
name vim
h move -1 0
l move 1 0
k move 0 -1
j move 0 1
H move -10 0
L move 10 0
K move 0 -10
J move 0 10
<Left> move -1 0
<Right> move 1 0
<Up> move 0 -1
<Down> move 0 1
<C-u> move 0 -20
<C-d> move 0 20
<Space> apply
<Enter> apply
x tool erase
f tool fill
b tool brush
y tool pick
r tool rect
p tool poly
c prompt class
n new
[ brush -1
] brush +1
{ tolerance -4
} tolerance +4
t fillby
o preserve
<C-e> pan 0 8
<C-y> pan 0 -8
<S-Left> pan -10 0
<S-Right> pan 10 0
+ zoom in
- zoom out
= zoom fit
z zoom seg
m overlay
v colorby
. opacity +0.1
, opacity -0.1
<Tab> panel
u undo
<C-r> redo
: prompt
? help
<Esc> cancel
"""

  // The built-in texts are checked by the tests, so parsing cannot fail.
  private static let parsedDefault = try! Keymap(name: "default").applying(defaultText, source: "keymaps/default.keymap")
  private static let parsedVim = try! Keymap(name: "vim").applying(vimText, source: "keymaps/vim.keymap")

  /// A built-in map by name (`default`, `vim`).
  public static func builtIn(named name: String) -> Keymap? {
    switch name {
    case "default": return parsedDefault
    case "vim": return parsedVim
    default: return nil
    }
  }
}
