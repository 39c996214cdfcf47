document.getElementById('app')!.textContent = 'Panier Solidaire — staff';
