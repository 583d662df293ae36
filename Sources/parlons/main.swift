print("parlons")
