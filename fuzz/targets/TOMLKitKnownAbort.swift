// TOMLKit 0.6.0's toml++ asserts (SIGABRT in debug builds) on a table header whose first key starts with a
// character that can neither start a bare key nor quote one: "[é]", "[.a]", "[=]", "[%]", "[" + newline
// (recorded in /work/notes/bugs-found.md), and on an array element position holding "}": "x = [}", "x = [1,}". The theme and config fuzzers skip
// such inputs so they keep looking for other bugs; drop this filter once synthpad guards against it.
func hitsKnownTOMLKitAbort(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
        if scalars[index] == "[" || scalars[index] == "," {
            var next = index + 1
            while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" || scalars[next] == "\n"
                || scalars[next] == "\r" { next += 1 }
            if next < scalars.count, scalars[next] == "}" { return true }
        }
        if scalars[index] == "[" {
            // "[" or "[[", then the first character of the first key.
            var next = index + 1
            if next < scalars.count, scalars[next] == "[" { next += 1 }
            while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
            if next < scalars.count, !startsKey(scalars[next]) { return true }
        }
        index += 1
    }
    return false
}

private func startsKey(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "\"", "'", "]": true
    default: false
    }
}
