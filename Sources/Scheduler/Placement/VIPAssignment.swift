/// The `static_ips` of a vip network, given out after placement as the director's
/// `network_planner/vip_planner.rb` does: an instance keeps the address it holds while the list still has it;
/// the others take the remaining addresses in the listed order.
extension AZPlacement {
    static func assignVIPs(_ network: StaticNetwork, to slots: inout [Slot]) {
        var free = network.ips
        var waiting: [Int] = []
        var position: [IPv4Address: Int] = [:]
        for (k, ip) in free.enumerated() { position[ip] = k }
        var taken = Array(repeating: false, count: free.count)
        for i in slots.indices {
            if let ip = slots[i].existing?.addresses?[network.name], let k = position[ip], !taken[k] {
                taken[k] = true
                slots[i].staticIPs[network.name] = ip
            } else {
                waiting.append(i)
            }
        }
        free = free.indices.filter { !taken[$0] }.map { free[$0] }
        for (i, ip) in zip(waiting, free) { slots[i].staticIPs[network.name] = ip }
    }
}
