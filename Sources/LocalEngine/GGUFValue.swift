// A metadata value from a GGUF file, with lenient accessors: `.int` accepts any integer type, `.float` any float or integer,
// `.stringArray` / `.intArray` / `.floatArray` any array whose elements convert.

public enum GGUFValue: Sendable, Equatable {
    case uint8(UInt8), int8(Int8), uint16(UInt16), int16(Int16), uint32(UInt32), int32(Int32), uint64(UInt64), int64(Int64)
    case float32(Float), float64(Double)
    case bool(Bool)
    case string(String)
    case array([GGUFValue])

    /// Any integer value that fits in `Int` (bools are not integers here).
    public var int: Int? {
        switch self {
        case .uint8(let v): return Int(v)
        case .int8(let v): return Int(v)
        case .uint16(let v): return Int(v)
        case .int16(let v): return Int(v)
        case .uint32(let v): return Int(v)
        case .int32(let v): return Int(v)
        case .uint64(let v): return Int(exactly: v)
        case .int64(let v): return Int(v)
        default: return nil
        }
    }

    /// A float value, or an integer converted to floating point.
    public var float: Double? {
        switch self {
        case .float32(let v): return Double(v)
        case .float64(let v): return v
        default: return int.map(Double.init)
        }
    }

    public var bool: Bool? {
        if case .bool(let v) = self { return v }
        return nil
    }

    public var string: String? {
        if case .string(let v) = self { return v }
        return nil
    }

    public var array: [GGUFValue]? {
        if case .array(let v) = self { return v }
        return nil
    }

    /// The array's elements as strings; nil unless this is an array of strings.
    public var stringArray: [String]? {
        guard let items = array else { return nil }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let s = item.string else { return nil }
            result.append(s)
        }
        return result
    }

    /// The array's elements as integers; nil unless this is an array of integers.
    public var intArray: [Int]? {
        guard let items = array else { return nil }
        var result: [Int] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let v = item.int else { return nil }
            result.append(v)
        }
        return result
    }

    /// The array's elements as floating point; nil unless this is an array of numbers.
    public var floatArray: [Double]? {
        guard let items = array else { return nil }
        var result: [Double] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let v = item.float else { return nil }
            result.append(v)
        }
        return result
    }
}
