print("StreamBench: not yet written")
