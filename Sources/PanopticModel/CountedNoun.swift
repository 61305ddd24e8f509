extension Int {
  /// "1 edit", "3 edits", "0 edits": messages count things a user can
  /// check, and "1 edits" reads as a bug in the tool that wrote it.
  public func counted(_ noun: String, plural: String? = nil) -> String {
    "\(self) \(self == 1 ? noun : plural ?? noun + "s")"
  }
}
