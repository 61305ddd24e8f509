import Glibc
import PanopticEditor
import PanopticIO
import PanopticModel

/// `panoptty edit FOLDER`: one editor session walking a folder's photos.
/// Each image keeps its own label file, lock and crash journal, so two
/// annotators on one shared folder never hold the same image: opening one
/// that is locked skips it and says who has it. The tools carry over from
/// image to image; the view is remembered per image.
public enum DatasetRunner {
  public static func run<T: Terminal>(
    dataset: Dataset, keymap: Keymap, options: LabelFileOptions, readOnly: Bool,
    makeTerminal: () throws(AppFailure) -> T
  ) throws(AppFailure) {
    let count = dataset.items.count
    var status = (try? DatasetStatusFile.read(folder: dataset.folder)) ?? [:]
    var index = (0..<count).first { dataset.isTodo($0, status: status) } ?? 0
    var step = 1
    /// `>` and `<` stop at the ends; a jump or the first open looks all the way round.
    var wraps = true
    var tools: ToolSettings?
    var views: [Int: ViewState] = [:]
    var terminal: T?
    var notes: [String] = []
    /// Images whose journal failed to replay after all: skipped from then on.
    var unusable: Set<Int> = []
    /// Where `next problem` wants the cursor (image index, pixel).
    var focus: (Int, Point)?
    defer { terminal?.close() }
    while true {
      guard
        let (opened, session, state0, decision0) = open(
          dataset, in: searchOrder(from: index, step: step, count: count, wraps: wraps), options: options,
          readOnly: readOnly, keymap: keymap, skipping: unusable, notes: &notes)
      else {
        // Say why: someone else holding every image and a folder this user
        // cannot write are different problems with different fixes.
        let held = notes.allSatisfy { $0.contains("being edited by") }
        throw AppFailure(
          "\(dataset.folder): " + (held ? "every image is being edited by someone else" : "no image could be opened")
            + " (" + notes.joined(separator: "; ") + ")")
      }
      // Stepping past the last image that opens came back (never round).
      if !wraps && (opened - index) * step < 0 {
        notes.insert("no \(step > 0 ? "later" : "earlier") image can be opened", at: 0)
      }
      index = opened
      let item = dataset.items[index]
      var state = state0
      var decision = decision0
      if case .ask = decision {
        decision = .replay
        notes.append("recovered the unsaved edits a crash left in \(item.name)'s journal")
      }
      // What the replay could not bring back (damage, an edit the crash cut short) is said,
      // as a script says it: nobody was asked. A replay that fails after all (the files
      // changed in between) skips the image: editing on would start a new journal over it.
      do {
        if let dropped = try session.apply(decision, to: &state) { notes.append(dropped) }
      } catch {
        notes.append("skipped \(item.name): \(error.line)")
        unusable.insert(index)  // (`open` passes over it from now on)
        continue
      }
      if let tools { state.carryOver(tools: tools, view: views[index]) }
      if let (i, p) = focus, i == index { _ = try? state.execute(.goto(p)) }
      focus = nil
      state.progress = progress(dataset, index, status)
      if !notes.isEmpty { state.note(notes.joined(separator: "; ")) }
      notes = []
      if terminal == nil {
        terminal = try makeTerminal()
        SignalWatcher.install()
      }
      var loop = EditorLoop(
        terminal: terminal!, session: session, pendingSignal: SignalWatcher.pending,
        takeInterrupt: SignalWatcher.takeInterrupt)
      let name = item.name
      loop.marker = { mark in
        do throws(PanopticError) {
          let e = try DatasetStatusFile.mark(folder: dataset.folder, image: name, state: mark.rawValue)
          status[name] = e
          return "marked \(name) \(mark.rawValue) (\(e.who))"
        } catch {
          return "could not mark \(name): \(error.description)"
        }
      }
      let ending = loop.run(&state)
      switch ending {
      case .quit:
        session.finish()
        return
      case .signal(let sig):
        session.abandon()
        throw AppFailure(EditRunner.stoppedMessage("stopped by signal \(sig)", state, session), status: ExitStatus.signal(sig))
      case .hungUp:
        session.abandon()
        throw AppFailure(EditRunner.stoppedMessage("the terminal went away", state, session), status: ExitStatus.signal(SIGHUP))
      case .switchImage(let target):
        session.finish()
        tools = state.tools
        views[index] = state.view
        status = (try? DatasetStatusFile.read(folder: dataset.folder)) ?? status
        (index, step) = destination(
          target, from: index, dataset: dataset, status: status, options: options, notes: &notes, focus: &focus)
        switch target {
        case .next, .previous: wraps = false
        default: wraps = true
        }
      }
    }
  }

  /// `img 3/12, 5 done today`: where the annotator is and how the day went.
  static func progress(_ dataset: Dataset, _ index: Int, _ status: [String: DatasetStatusFile.Entry]) -> String {
    let today = DatasetStatusFile.today()
    let doneToday = status.values.filter { $0.state == ImageStateName.done && $0.when.hasPrefix(today) }.count
    return "img \(index + 1)/\(dataset.items.count), \(doneToday) done today"
  }

  /// Where `target` goes from `index`, and which way to skip locked images.
  static func destination(
    _ target: ImageStep, from index: Int, dataset: Dataset, status: [String: DatasetStatusFile.Entry],
    options: LabelFileOptions, notes: inout [String], focus: inout (Int, Point)?
  ) -> (Int, Int) {
    let count = dataset.items.count
    switch target {
    case .next:
      if index + 1 >= count { notes.append("that was the last image") }
      return (min(index + 1, count - 1), 1)
    case .previous:
      if index == 0 { notes.append("this is the first image") }
      return (max(index - 1, 0), -1)
    case .index(let n):
      if n > count { notes.append(count == 1 ? "there is 1 image" : "there are \(count) images") }
      return (min(max(n, 1), count) - 1, 1)
    case .nextTodo:
      let order = Array(index + 1..<count) + Array(0..<index)
      guard let j = order.first(where: { dataset.isTodo($0, status: status) }) else {
        notes.append("no image left to do: every image is marked done, skipped or review")
        return (index, 1)
      }
      return (j, 1)
    case .nextProblem:
      guard let (j, problem) = dataset.nextProblem(after: index, options: options) else {
        notes.append("no image with problems: every label file reads cleanly")
        return (index, 1)
      }
      notes.append("\(dataset.items[j].name): \(problem.text)")
      focus = problem.at.map { (j, $0) }
      return (j, 1)
    }
  }

  /// The images to try, in order, from `start` moving by `step`: all the
  /// way round, or (for `>` and `<`) on to the end and then back behind
  /// `start`, so stepping past the last image that opens never wraps round.
  static func searchOrder(from start: Int, step: Int, count: Int, wraps: Bool) -> [Int] {
    guard count > 0 else { return [] }
    let start = min(max(start, 0), count - 1)
    if wraps { return (0..<count).map { ((start + $0 * step) % count + count) % count } }
    let ahead = Array(stride(from: start, to: step > 0 ? count : -1, by: step))
    let behind = Array(stride(from: start - step, to: step > 0 ? -1 : count, by: -step))
    return ahead + behind
  }

  /// Opens the first image in `order` that nobody else holds and whose
  /// journal can be replayed; notes the ones skipped.
  static func open(
    _ dataset: Dataset, in order: [Int], options: LabelFileOptions, readOnly: Bool, keymap: Keymap,
    skipping unusable: Set<Int>, notes: inout [String]
  ) -> (Int, EditSession, EditorState, RecoveryDecision)? {
    for i in order {
      let item = dataset.items[i]
      if unusable.contains(i) { continue }
      do {
        var o = options
        if let json = item.annotations {
          o.annotations = json
          o.format = o.format ?? .coco
        }
        // A Cityscapes label tree mirrors the photo tree and may not exist
        // yet: the first save needs the city's folder.
        if dataset.kind == .cityscapes && !readOnly { try? Folders.create(FileNames.folder(item.labels)) }
        let session = try EditSession(image: item.photo, labels: item.labels, options: o, readOnly: readOnly)
        let state = session.makeState(keymap: keymap, columns: 80, rows: 24, colorMode: .mono, unicode: true)
        // A journal that cannot be replayed (damaged from its first edit, a label file
        // changed since) needs the user's decision, which only the one-photo command takes:
        // skip the photo and name it, rather than end the whole session.
        let decision = try session.recoveryDecision(
          flags: RecoveryDecision.Flags(recover: false, discard: false), interactive: true, state: state)
        if case .refuse(var why) = decision {
          // The one-photo command takes the place of the flag dataset mode refuses.
          for flagHint in ["; --discard-recovery drops it", "; run without --recover"] where why.hasSuffix(flagHint) {
            why.removeLast(flagHint.count)
          }
          let copyHint = "; --recover-to COPY.png writes it onto the file as it is now, into a copy"
          let intoACopy = why.hasSuffix(copyHint)
          if intoACopy { why.removeLast(copyHint.count) }
          let json = item.annotations.map { " --annotations " + FileNames.shellQuoted($0) } ?? ""
          let command = "panoptty edit \(FileNames.shellQuoted(item.photo)) --labels \(FileNames.shellQuoted(item.labels))\(json)"
          notes.append(
            "skipped \(item.name): \(why)"
              + (intoACopy ? "; to keep its work in a copy: \(command) --recover-to COPY.png" : "")
              + "; to drop that journal: \(command) --discard-recovery")
        } else {
          return (i, session, state, decision)
        }
      } catch {
        notes.append("skipped \(item.name): \(error.line)")
      }
    }
    return nil
  }
}
