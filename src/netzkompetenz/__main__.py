from netzkompetenz.launch import main

main()
