extension ByteScanner {
  /// Consumes a number (the cursor is on `-` or a digit) and checks the RFC 8259
  /// grammar `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  /// The value is not computed: numbers are kept as text, so `1e400` and `-0`
  /// pass through unchanged and only the reader of a field decides what fits.
  mutating func scanNumber() throws(JSONSyntaxError) {
    let start = position
    var i = position
    if byte(at: i) == 0x2D { i += 1 }
    let first = byte(at: i)
    if first == 0x30 {
      i += 1
      if isDigit(byte(at: i)) { throw error(.invalidNumber("leading zeros are not allowed"), at: start) }
    } else if first >= 0x31 && first <= 0x39 {
      i += 1
      while i < end && isDigit(bytes[i]) { i += 1 }
    } else {
      throw error(.invalidNumber("a digit must follow '-'"), at: start)
    }
    if byte(at: i) == 0x2E {
      i += 1
      guard isDigit(byte(at: i)) else { throw error(.invalidNumber("a digit must follow '.'"), at: start) }
      while i < end && isDigit(bytes[i]) { i += 1 }
    }
    let e = byte(at: i)
    if e == 0x65 || e == 0x45 {
      i += 1
      let sign = byte(at: i)
      if sign == 0x2B || sign == 0x2D { i += 1 }
      guard isDigit(byte(at: i)) else { throw error(.invalidNumber("the exponent has no digits"), at: start) }
      while i < end && isDigit(bytes[i]) { i += 1 }
    }
    position = i
  }

  @inline(__always) func isDigit(_ byte: UInt8) -> Bool {
    byte &- 0x30 < 10
  }

  /// Consumes one complete value, validating it, without building anything.
  ///
  /// Iterative with an explicit stack of container kinds, so nesting costs
  /// heap bits rather than call frames: a file nested 10,000 deep is refused
  /// (or, under a raised limit, scanned) without any risk to the stack.
  /// `depth` is how many containers already enclose the value.
  mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
    // Scalars (most member values) never need the container stack.
    switch current {
    case 0x22:
      _ = try scanString()
      return
    case 0x2D, 0x30...0x39:
      try scanNumber()
      return
    case 0x74, 0x66, 0x6E:
      try scanLiteral()
      return
    case 0x7B, 0x5B:
      break
    default:
      skipWhitespace()
      guard current == 0x7B || current == 0x5B else { break }
    }
    var kinds = ContainerStack()
    while true {
      // A value starts here.
      skipWhitespace()
      switch current {
      case 0x7B:  // {
        guard depth + kinds.count < maxDepth else { throw error(.nestingTooDeep(limit: maxDepth), at: position) }
        position += 1
        skipWhitespace()
        if current == 0x7D {
          position += 1
        } else {
          kinds.push(isObject: true)
          try scanMemberName()
          continue
        }
      case 0x5B:  // [
        guard depth + kinds.count < maxDepth else { throw error(.nestingTooDeep(limit: maxDepth), at: position) }
        position += 1
        skipWhitespace()
        if current == 0x5D {
          position += 1
        } else {
          kinds.push(isObject: false)
          continue
        }
      case 0x22:
        _ = try scanString()
      case 0x2D, 0x30...0x39:
        try scanNumber()
      case 0x74, 0x66, 0x6E:
        try scanLiteral()
      default:
        throw unexpected("a value")
      }
      // After a value: close containers or move to the next element.
      while true {
        guard !kinds.isEmpty else { return }
        skipWhitespace()
        let byte = current
        if byte == 0x2C {
          position += 1
          if kinds.topIsObject { try scanMemberName() }
          break
        }
        if kinds.topIsObject {
          guard byte == 0x7D else { throw unexpected("',' or '}' after an object member") }
        } else {
          guard byte == 0x5D else { throw unexpected("',' or ']' after an array element") }
        }
        position += 1
        kinds.pop()
      }
    }
  }

  /// Consumes `"key" :` and leaves the cursor before the member's value.
  @inline(__always) mutating func scanMemberName() throws(JSONSyntaxError) {
    skipWhitespace()
    guard current == 0x22 else { throw unexpected("a member name in double quotes") }
    _ = try scanString()
    skipWhitespace()
    try expect(0x3A, "':' after a member name")
  }

  /// Consumes one value and returns its byte range (leading whitespace excluded).
  mutating func skipValueRange(depth: Int) throws(JSONSyntaxError) -> Range<Int> {
    skipWhitespace()
    let start = position
    try skipValue(depth: depth)
    return start..<position
  }
}

/// One bit per open container (1 = object), in a word for the first 64 levels
/// and in an array beyond, so ordinary files never allocate.
struct ContainerStack {
  private var low: UInt64 = 0
  /// Levels 64 and deeper; nil until needed, so the common case holds no reference.
  private var spill: [UInt64]?
  private(set) var count = 0

  var isEmpty: Bool {
    @inline(__always) get { count == 0 }
  }

  var topIsObject: Bool {
    @inline(__always) get {
      let index = count - 1
      if index < 64 { return low >> UInt64(index) & 1 == 1 }
      let word = spill?[(index - 64) >> 6] ?? 0
      return word >> UInt64((index - 64) & 63) & 1 == 1
    }
  }

  @inline(__always) mutating func push(isObject: Bool) {
    let bit: UInt64 = isObject ? 1 : 0
    if count < 64 {
      low = (low & ~(1 << UInt64(count))) | (bit << UInt64(count))
    } else {
      pushDeep(bit)
    }
    count += 1
  }

  private mutating func pushDeep(_ bit: UInt64) {
    let index = count - 64
    var words = spill ?? []
    spill = nil  // keep `words` uniquely referenced, so appending does not copy
    if index >> 6 >= words.count { words.append(0) }
    let shift = UInt64(index & 63)
    words[index >> 6] = (words[index >> 6] & ~(1 << shift)) | (bit << shift)
    spill = words
  }

  @inline(__always) mutating func pop() {
    count -= 1
  }
}
