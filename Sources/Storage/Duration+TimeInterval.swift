import Foundation

extension Duration {
    /// In seconds, for dates (`Date() + lease.timeInterval`).
    public var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
