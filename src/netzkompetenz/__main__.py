from netzkompetenz.cli import main

main()
